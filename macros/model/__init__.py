"""What the data is: the record kinds and their fields, dates at their precision, problems, the text rules."""
