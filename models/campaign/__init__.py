"""The campaign year's records: pledges and their fulfilment, quarterly reviews, and the
专项台账 summed from them."""
