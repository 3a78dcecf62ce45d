"""Our own locale formats (FORMAT_MODULE_PATH): only where Django's differ from
what our users expect."""
