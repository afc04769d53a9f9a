# One image for every service and the web front end; SERVICE picks which one runs (`python -m $SERVICE`: intake,
# routing, resolution, notification, analytics or web). The topic job runs `complaints topics apply` in it.
FROM python:3.11-slim AS build
RUN pip install --no-cache-dir uv==0.13.9
WORKDIR /app
COPY pyproject.toml uv.lock ./
COPY contracts contracts
COPY libs libs
COPY services services
COPY tools tools
# Frozen: exactly the versions in uv.lock; no dev tools in the image.
RUN uv sync --frozen --no-dev --all-packages --no-editable

FROM python:3.11-slim
RUN useradd --system --uid 10001 complaints
COPY --from=build /app/.venv /app/.venv
ENV PATH=/app/.venv/bin:$PATH PYTHONUNBUFFERED=1
ARG SERVICE
ENV SERVICE=${SERVICE}
USER complaints
EXPOSE 8000
HEALTHCHECK --interval=10s --timeout=3s --retries=6 \
  CMD python -c "import urllib.request; urllib.request.urlopen('http://127.0.0.1:8000/readyz', timeout=2)"
CMD ["sh", "-c", "exec python -m \"$SERVICE\""]
