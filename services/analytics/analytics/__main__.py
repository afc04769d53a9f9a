from complaints_chassis.serve import serve

from .config import AnalyticsSettings
from .main import create_app

serve(create_app, AnalyticsSettings)
