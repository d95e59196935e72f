"""The site layer in process: the macro set on a checked site, year pages, pictures, downloads."""
