"""Reports built from the change log: JSON, HTML, unified and terminal diffs."""
