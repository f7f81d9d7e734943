"""Pages and dialogs for organizations and members."""
