# One image for the API and the workers: `dumpling serve` or `dumpling worker`.
FROM python:3.11-slim

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

WORKDIR /app
# wheels* matches nothing on a normal build; an offline build puts prebuilt wheels in
# ./wheels and passes PIP_INSTALL_ARGS="--no-index --find-links /app" (their contents land in /app)
COPY pyproject.toml README.md wheels* /app/
COPY service ./service
COPY workers ./workers
ARG PIP_INSTALL_ARGS=""
# flower: the compose file's optional Flower service runs from this image too
RUN pip install $PIP_INSTALL_ARGS ".[flower]" && rm -f /app/*.whl

RUN useradd --create-home --uid 10001 --shell /usr/sbin/nologin dumpling
USER dumpling

EXPOSE 8000
CMD ["dumpling", "serve", "--host", "0.0.0.0", "--port", "8000"]
