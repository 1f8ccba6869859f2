"""What a person sees in a browser: the web page (``pages``) and the offline API docs (``docs``)."""
