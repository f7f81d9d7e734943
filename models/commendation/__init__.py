"""表彰: nominations and their dated steps, decisions, awards, certificate numbers, 示范点."""
