"""The catalogue: tool and programme sheets loaded, validated, cross-linked and written as a docs tree."""
