#!/bin/bash
# Sets up a PostgreSQL 15 server for a shared centre, on the machine that runs it, in a few minutes:
#   - a certificate authority made for this centre (EC P-256) and a server certificate signed by it for
#     the names desks will use (--host, localhost and the listening address);
#   - ssl = on with that certificate, scram-sha-256 passwords, listening only on --listen;
#   - pg_hba.conf: TLS connections from --subnet to the centre's database with a password, every
#     connection without TLS refused (local socket lines kept for the administrator);
#   - the database, owned by a role that cannot log in (centre_owner), and one login role per desk
#     (desk1..deskN) that acts as centre_owner: a lost laptop is shut out by disabling its role alone;
#   - then restarts the server and prints, for each desk, the line it needs and its password, and the
#     CA's SHA-256 fingerprint to compare at each desk.
#
# Run as root or as the cluster's owner, on the server:
#   shared-centre-setup.sh --pgdata /var/lib/postgresql/15/main --host centre-laptop.local \
#       --listen 192.168.50.10 --subnet 192.168.50.0/24 [--database centre] [--desks 4] [--out DIR]
#       [--admin "host=/var/run/postgresql user=postgres"]
set -euo pipefail

pgdata="" host="" listen="" subnet="" database=centre desks=3 out="" admin="" bin=${RC_PG_BIN:-/usr/lib/postgresql/15/bin}
usage() { sed -n '2,19p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
while [[ $# -gt 0 ]]; do
  case "$1" in
    --pgdata) pgdata=$2; shift 2 ;;
    --host) host=$2; shift 2 ;;
    --listen) listen=$2; shift 2 ;;
    --subnet) subnet=$2; shift 2 ;;
    --database) database=$2; shift 2 ;;
    --desks) desks=$2; shift 2 ;;
    --out) out=$2; shift 2 ;;
    --admin) admin=$2; shift 2 ;;
    -h|--help) usage ;;
    *) echo "error: unknown option $1" >&2; usage ;;
  esac
done
[[ -n "$pgdata" && -n "$host" && -n "$listen" ]] || { echo "error: --pgdata, --host and --listen are needed" >&2; usage; }
[[ -f "$pgdata/PG_VERSION" ]] || { echo "error: $pgdata is not a PostgreSQL data folder (no PG_VERSION)" >&2; exit 1; }
[[ "$database" =~ ^[a-z][a-z0-9_]{0,62}$ ]] || { echo "error: --database must be lower-case letters, digits and _" >&2; exit 1; }
[[ "$desks" =~ ^[1-9][0-9]?$ ]] || { echo "error: --desks must be 1 to 99" >&2; exit 1; }
[[ -n "$subnet" ]] || subnet="$listen/32"
[[ -n "$out" ]] || out="$PWD/shared-centre-$database"
[[ -n "$admin" ]] || admin="user=postgres dbname=postgres"
command -v openssl >/dev/null || { echo "error: openssl is needed (apt-get install openssl)" >&2; exit 1; }

owner=$(stat -c %U "$pgdata")
as_owner=()
if [[ $(id -un) != "$owner" ]]; then
  [[ $(id -u) -eq 0 ]] || { echo "error: run as root or as $owner, the owner of $pgdata" >&2; exit 1; }
  as_owner=(setpriv --reuid="$owner" --regid="$(stat -c %G "$pgdata")" --clear-groups --)
fi
psql_admin() { psql "$admin" -v ON_ERROR_STOP=1 -qtA "$@"; }
psql_admin -c 'SELECT 1' >/dev/null || { echo "error: cannot reach the server as its administrator ($admin)" >&2; exit 1; }

# ---- the centre's certificate authority and the server's certificate
umask 077
mkdir -p "$out"
if [[ ! -f "$out/centre-ca.crt" ]]; then
  openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 \
    -subj "/CN=Reception Console centre CA ($database)" -keyout "$out/centre-ca.key" -out "$out/centre-ca.crt" 2>/dev/null
fi
san="DNS:$host,DNS:localhost"
if [[ "$listen" =~ ^[0-9.]+$ || "$listen" == *:* ]]; then san="$san,IP:$listen"; else san="$san,DNS:$listen"; fi
openssl req -new -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=$host" \
  -keyout "$out/server.key" -out "$out/server.csr" 2>/dev/null
printf "subjectAltName=%s\nextendedKeyUsage=serverAuth\nbasicConstraints=CA:FALSE\n" "$san" >"$out/server.ext"
openssl x509 -req -in "$out/server.csr" -CA "$out/centre-ca.crt" -CAkey "$out/centre-ca.key" -CAcreateserial \
  -days 825 -extfile "$out/server.ext" -out "$out/server.crt" 2>/dev/null
install -m 600 -o "$owner" "$out/server.crt" "$pgdata/centre-server.crt"
install -m 600 -o "$owner" "$out/server.key" "$pgdata/centre-server.key"

# ---- the roles and the database
passwords=()
{
  echo "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'centre_owner') THEN CREATE ROLE centre_owner NOLOGIN; END IF; END \$\$;"
  for i in $(seq 1 "$desks"); do
    echo "DO \$\$ BEGIN IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'desk$i') THEN CREATE ROLE desk$i LOGIN; END IF; END \$\$;"
  done
} | psql_admin
psql_admin -c "SET password_encryption = 'scram-sha-256'" >/dev/null
for i in $(seq 1 "$desks"); do
  pw=$(openssl rand -base64 18 | tr -d '/+=' | cut -c1-20)
  passwords+=("$pw")
  psql_admin -c "SET password_encryption = 'scram-sha-256'; ALTER ROLE desk$i LOGIN PASSWORD '$pw'; GRANT centre_owner TO desk$i; ALTER ROLE desk$i SET role = 'centre_owner'" >/dev/null
done
if [[ -z $(psql_admin -c "SELECT 1 FROM pg_database WHERE datname = '$database'") ]]; then
  psql_admin -c "CREATE DATABASE $database OWNER centre_owner" >/dev/null
fi
psql_admin -c "REVOKE ALL ON DATABASE $database FROM PUBLIC; GRANT CONNECT ON DATABASE $database TO centre_owner" >/dev/null
psql "$admin dbname=$database" -v ON_ERROR_STOP=1 -qtA -c "ALTER SCHEMA public OWNER TO centre_owner" >/dev/null

# ---- TLS, passwords, the listening address, who may connect
psql_admin >/dev/null <<SQL
ALTER SYSTEM SET ssl = on;
ALTER SYSTEM SET ssl_cert_file = 'centre-server.crt';
ALTER SYSTEM SET ssl_key_file = 'centre-server.key';
ALTER SYSTEM SET ssl_min_protocol_version = 'TLSv1.2';
ALTER SYSTEM SET password_encryption = 'scram-sha-256';
ALTER SYSTEM SET listen_addresses = '$listen';
SQL
hba=$(psql_admin -c 'SHOW hba_file')
cp -p "$hba" "$hba.before-shared-centre"
{
  echo "# Written by shared-centre-setup.sh: TLS with a password from the centre's network, nothing else."
  grep -E '^[[:space:]]*local[[:space:]]' "$hba.before-shared-centre" || true
  echo "hostssl   $database   +centre_owner   $subnet   scram-sha-256"
  echo "hostnossl all         all             0.0.0.0/0 reject"
  echo "hostnossl all         all             ::/0      reject"
  echo "host      all         all             0.0.0.0/0 reject"
  echo "host      all         all             ::/0      reject"
} >"$hba.new"
chown --reference="$hba.before-shared-centre" "$hba.new"
chmod --reference="$hba.before-shared-centre" "$hba.new"
mv "$hba.new" "$hba"
port=$(psql_admin -c 'SHOW port')
"${as_owner[@]}" "$bin/pg_ctl" -D "$pgdata" -w -t 60 restart >/dev/null

fingerprint=$(openssl x509 -in "$out/centre-ca.crt" -noout -fingerprint -sha256 | cut -d= -f2)
{
  echo "Shared centre '$database' on $host ($listen, port $port): TLS on, scram-sha-256, from $subnet only."
  echo "Copy $out/centre-ca.crt to each desk, as /etc/reception-console/centre-ca.crt, and check its fingerprint:"
  echo "  SHA-256 $fingerprint"
  echo "Each desk starts the console with its own line, and keeps its password in ~/.pgpass (mode 0600):"
  for i in $(seq 1 "$desks"); do
    echo "  desk$i: reception-console --db 'postgresql://desk$i@$host:$port/$database?sslmode=verify-full&sslrootcert=/etc/reception-console/centre-ca.crt&channel_binding=require'"
    echo "         ~/.pgpass: $host:$port:$database:desk$i:${passwords[$((i - 1))]}"
  done
} | tee "$out/desks.txt"
rm -f "$out/server.csr" "$out/server.ext"
