"""Parents: WeChat login, children and their consent, subscribe-message grants."""
