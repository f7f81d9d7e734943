"""Pages and dialogs for pledges, quarterly reviews and the 专项台账."""
