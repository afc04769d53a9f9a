from complaints_chassis.serve import serve

from .config import IntakeSettings
from .main import create_app

serve(create_app, IntakeSettings)
