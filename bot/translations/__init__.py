"""Work on translations/: review (PO/XLIFF export and import), the YAML files' writer,
the message preview, recorded voices."""
