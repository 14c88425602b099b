#!/usr/bin/env python3
"""Regenerates the broken copies of procedures/derbyshire-template.toml in this folder.

Each copy makes one kind of mistake (a few make several, to show that every problem is reported in one
pass). tests/domain/procedure_errors_test.cpp asserts the exact file:line:column message for each, so
after regenerating, update the expected lines there. Run: python3 make_variants.py
"""
import pathlib

HERE = pathlib.Path(__file__).resolve().parent
DEFAULT = HERE.parents[2] / "procedures" / "derbyshire-template.toml"

# name: (what is wrong, [(old text, new text), ...]); each old text must occur exactly once.
VARIANTS = {
    "syntax_error": ("a title with no closing quote", [
        ('title = "Offer food and drink to everyone"', 'title = "Offer food and drink to everyone')]),
    "unknown_key": ("'leed' instead of 'lead' in an action", [
        ('title = "Choose a venue from the agreed network that fits the tier; confirm it is free and call the key holder"\nlead = "council"',
         'title = "Choose a venue from the agreed network that fits the tier; confirm it is free and call the key holder"\nleed = "council"')]),
    "missing_field": ("an action without a title", [
        ('title = "Record property and documents handed in; the police take evidence with a receipt"\n', '')]),
    "wrong_type": ("due_minutes in quotes, version without quotes", [
        ('id = "rec-check-in"\nphase = "reception"\ntitle = "Check in every arrival: centre reference, wristband, language, urgent needs, who they came with"\nlead = "council"\ndue_after = "first_arrival"\ndue_minutes = 30',
         'id = "rec-check-in"\nphase = "reception"\ntitle = "Check in every arrival: centre reference, wristband, language, urgent needs, who they came with"\nlead = "council"\ndue_after = "first_arrival"\ndue_minutes = "30"'),
        ('version = "0.1"', 'version = 0.1')]),
    "duplicate_action_id": ("two actions with the id 'rec-welcome'", [
        ('id = "rec-urgent-needs"', 'id = "rec-welcome"')]),
    "undefined_partner": ("a lead and a support partner that are not defined", [
        ('lead = "red_cross"\ntiers = ["medium", "large"]\ndue_after = "activation"',
         'lead = "redcross"\ntiers = ["medium", "large"]\ndue_after = "activation"'),
        ('support = ["rebuild_em", "justice_and_care"]', 'support = ["rebuild_em", "justice_care"]')]),
    "undefined_phase": ("phase 'setup' instead of 'set_up'", [
        ('id = "set-security"\nphase = "set_up"', 'id = "set-security"\nphase = "setup"')]),
    "undefined_tier": ("tier 'mediun' in an action", [
        ('id = "set-medical-room"\nphase = "set_up"\ntitle = "Medical screening room ready"\nlead = "nhs"\ntiers = ["medium", "large"]',
         'id = "set-medical-room"\nphase = "set_up"\ntitle = "Medical screening room ready"\nlead = "nhs"\ntiers = ["mediun", "large"]')]),
    "impossible_timing_negative": ("an action due 15 minutes before activation", [
        ('id = "act-take-call"\nphase = "activation"\ntitle = "Take the call from the police operation lead: operation name, expected number of people, ages, sexes, languages, known medical needs, expected arrival time"\nlead = "council"\nsupport = ["police"]\ndue_after = "activation"\ndue_minutes = 15',
         'id = "act-take-call"\nphase = "activation"\ntitle = "Take the call from the police operation lead: operation name, expected number of people, ages, sexes, languages, known medical needs, expected arrival time"\nlead = "council"\nsupport = ["police"]\ndue_after = "activation"\ndue_minutes = -15')]),
    "impossible_timing_too_late": ("a debrief due 14 days after activation", [
        ('due_minutes = 10080', 'due_minutes = 20160')]),
    "impossible_timing_anchor": ("due_after 'arrival', which is not a moment the console knows", [
        ('id = "rec-welcome"\nphase = "reception"\ntitle = "Welcome each group in their own language: they are safe, this is not a police station, what happens next"\nlead = "council"\nsupport = ["interpreters"]\ndue_after = "first_arrival"',
         'id = "rec-welcome"\nphase = "reception"\ntitle = "Welcome each group in their own language: they are safe, this is not a police station, what happens next"\nlead = "council"\nsupport = ["interpreters"]\ndue_after = "arrival"')]),
    "tiers_overlap": ("medium starts at 9 while small goes up to 10", [
        ('medium = { from = 11, to = 30,', 'medium = { from = 9, to = 30,')]),
    "tiers_gap": ("nobody between 31 and 40 people", [
        ('large = { from = 31,', 'large = { from = 41,')]),
    "tiers_not_open_ended": ("large has an upper limit", [
        ('large = { from = 31, notes', 'large = { from = 31, to = 100, notes')]),
    "tiers_missing": ("no large tier", [
        ('large = { from = 31, notes = "A large venue; full partner presence, regional police support." }\n', '')]),
    "duplicate_partner_id": ("two partners with the id 'refuge'", [
        ('id = "barnardos"', 'id = "refuge"')]),
    "undefined_bag_kind": ("'adult_mal' in the bag plan", [
        ('adult_male = { per_person = 0.6, min_stock = 20 }', 'adult_mal = { per_person = 0.6, min_stock = 20 }')]),
    "undefined_referral_type": ("'nrn' instead of 'nrm', and an NRM without consent", [
        ('required = ["nrm"]\nrecommended = ["salvation_army_victim_care"', 'required = ["nrn"]\nrecommended = ["salvation_army_victim_care"'),
        ('[referrals.adult_undecided]\n# Undecided is a legitimate state: offer time, advice and support, and come back to the decision.\nrequired = []',
         '[referrals.adult_undecided]\n# Undecided is a legitimate state: offer time, advice and support, and come back to the decision.\nrequired = ["nrm"]')]),
    "child_rule_without_nrm": ("children not referred into the NRM", [
        ('required = ["nrm", "childrens_services"]', 'required = ["childrens_services"]')]),
    "many_errors": ("one of each: every problem is reported in one pass", [
        ('version = "0.1"', 'version = 1'),
        ('medium = { from = 11, to = 30,', 'medium = { from = 12, to = 30,'),
        ('id = "set-security"\nphase = "set_up"', 'id = "set-security"\nphase = "setup"'),
        ('lead = "nhs"\ntiers = ["medium", "large"]\ndue_after = "first_arrival"\ndue_minutes = 180',
         'lead = "nhs"\ntiers = ["medium", "large"]\ndue_after = "first_arrival"\ndue_minutes = 100000'),
        ('id = "sd-stock"', 'id = "sd-property"'),
        ('phone = "01332 640777"', 'phone = "ask the operator"'),
        ('infant = { per_person = 0.1, min_stock = 4 }', 'infant = { per_person = 0.1, min_stok = 4 }')]),
}

def main():
    text = DEFAULT.read_text(encoding="utf-8")
    for name, (what, edits) in VARIANTS.items():
        out = text
        for old, new in edits:
            n = out.count(old)
            if n != 1:
                raise SystemExit(f"{name}: expected the text once, found it {n} times: {old[:60]!r}")
            out = out.replace(old, new)
        header = f"# BROKEN ON PURPOSE (test data, made by make_variants.py): {what}.\n"
        (HERE / f"{name}.toml").write_text(header + out, encoding="utf-8")
        print(f"{name}.toml")

if __name__ == "__main__":
    main()
