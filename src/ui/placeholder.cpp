int rc_ui_placeholder = 0;
