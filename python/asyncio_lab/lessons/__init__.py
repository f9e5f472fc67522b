"""One module per lesson; each registers its exercises when imported."""
