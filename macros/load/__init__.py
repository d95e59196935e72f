"""Reading files: data YAML into raw records with lines, pages and front matter, map shapes, the data's version."""
