"""Reusable Qt pieces that know nothing of the campaign: table model, list panel, forms,
dialogs, messages."""
