"""The 帮助 menu: 快捷键 and 关于."""
