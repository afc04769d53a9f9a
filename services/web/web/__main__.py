from complaints_chassis.serve import serve

from .config import WebSettings
from .main import create_app

serve(create_app, WebSettings)
