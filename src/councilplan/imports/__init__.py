"""Import the documents councils have (Word, Excel, CSV, PDF, text exports) as plans."""
