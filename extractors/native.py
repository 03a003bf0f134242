"""One lock for the native PDF libraries.  MuPDF (pymupdf) and pdfium (camelot's backend) are not
thread-safe: two threads inside them corrupt the heap (seen as a crash at the end of a 1,000-source
ingest on threads).  PDF parsing is serialized within a process; OCR inference, the slow part of a
scan, runs outside the lock, and Dask workers (processes) parse PDFs in parallel."""
import threading

PDF_LOCK = threading.RLock()
