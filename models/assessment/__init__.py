"""年度考核: scoring from the ledger and the committee's form, and the text report."""
