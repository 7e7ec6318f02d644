# syntax=docker/dockerfile:1
# Stage 1: the frontend.
FROM node:20-bookworm-slim AS web
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY frontend/ ./
RUN npm run build

# Stage 2: a static Go binary with the frontend embedded.
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY backend/ backend/
COPY migrations/ migrations/
COPY frontend/embed.go frontend/embed.go
COPY --from=web /src/frontend/dist/ frontend/dist/
ARG VERSION=docker
RUN CGO_ENABLED=0 go build -trimpath -ldflags "-s -w -X main.version=${VERSION}" -o /out/qualtrack ./backend/cmd/qualtrack \
 && mkdir -p /out/data

# Stage 3: a minimal, non-root runtime.
FROM gcr.io/distroless/static-debian12:nonroot
COPY --from=build /out/qualtrack /usr/local/bin/qualtrack
COPY --from=build --chown=nonroot:nonroot /out/data /data
ENV QUALTRACK_ADDR=0.0.0.0:8080 \
    QUALTRACK_DATA_DIR=/data \
    QUALTRACK_ENV=production
VOLUME ["/data"]
EXPOSE 8080
USER nonroot:nonroot
HEALTHCHECK --interval=15s --timeout=3s --start-period=20s --retries=3 \
  CMD ["/usr/local/bin/qualtrack", "healthcheck"]
ENTRYPOINT ["/usr/local/bin/qualtrack"]
CMD ["serve"]
