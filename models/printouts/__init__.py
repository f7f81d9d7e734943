"""Records → the plain dataclasses of `printing`. The one part of `models` that knows
what goes on paper, and what (ID numbers, private phones) must never."""
