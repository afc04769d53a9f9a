from complaints_chassis.serve import serve

from .config import NotificationSettings
from .main import create_app

serve(create_app, NotificationSettings)
