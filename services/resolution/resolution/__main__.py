from complaints_chassis.serve import serve

from .config import ResolutionSettings
from .main import create_app

serve(create_app, ResolutionSettings)
