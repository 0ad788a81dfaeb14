// Placeholder: multipart/form-data parsing (issue 3).
