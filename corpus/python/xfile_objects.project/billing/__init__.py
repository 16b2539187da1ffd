from .pdf import render_invoice
from .remote import *
