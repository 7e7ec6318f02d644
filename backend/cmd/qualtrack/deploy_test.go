package main

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/goccy/go-yaml"

	"github.com/qualtrack/qualtrack/backend/internal/config"
)

// composeFile is the part of docker-compose.yml these tests read.
type composeFile struct {
	Services map[string]struct {
		Image       string            `yaml:"image"`
		Build       string            `yaml:"build"`
		Profiles    []string          `yaml:"profiles"`
		EnvFile     string            `yaml:"env_file"`
		Environment map[string]string `yaml:"environment"`
		Volumes     []string          `yaml:"volumes"`
		Ports       []string          `yaml:"ports"`
		Entrypoint  []string          `yaml:"entrypoint"`
	} `yaml:"services"`
	Volumes map[string]any `yaml:"volumes"`
}

var composeVar = regexp.MustCompile(`\$\$|\$\{([A-Z0-9_]+)(?:(:-|:\?)([^}]*))?\}`)

// interpolate substitutes ${VAR}, ${VAR:-default} and ${VAR:?error} from
// dotenv as Compose does, and fails on a required variable left unset.
func interpolate(t *testing.T, s string, dotenv map[string]string) string {
	t.Helper()
	return composeVar.ReplaceAllStringFunc(s, func(m string) string {
		if m == "$$" {
			return "$"
		}
		g := composeVar.FindStringSubmatch(m)
		v := dotenv[g[1]]
		switch {
		case v != "":
			return v
		case g[2] == ":-":
			return g[3]
		case g[2] == ":?":
			t.Errorf("compose requires %s: %s", g[1], g[3])
		}
		return ""
	})
}

func readCompose(t *testing.T) composeFile {
	t.Helper()
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", "docker-compose.yml"))
	if err != nil {
		t.Fatal(err)
	}
	var c composeFile
	if err := yaml.Unmarshal(raw, &c); err != nil {
		t.Fatalf("docker-compose.yml does not parse: %v", err)
	}
	return c
}

// The environment a compose service's process sees: the .env file (its
// env_file) overridden by the service's interpolated environment.
func composeEnv(t *testing.T, c composeFile, service string, dotenv map[string]string) map[string]string {
	t.Helper()
	svc, ok := c.Services[service]
	if !ok {
		t.Fatalf("docker-compose.yml has no service %s", service)
	}
	env := map[string]string{}
	if svc.EnvFile == ".env" {
		for k, v := range dotenv {
			env[k] = v
		}
	}
	for k, v := range svc.Environment {
		env[k] = interpolate(t, v, dotenv)
	}
	return env
}

// docker-compose.yml's scale-out layout, read without Docker: the default
// services stay as they were; MinIO (and its bucket job) is under the s3
// profile, a second instance and the proxy under scale-out; both
// instances get the same settings, which the application accepts in
// production, keeping attachments in the local volume by default and in
// MinIO's bucket, path-style, when .env names it. The proxy's
// configuration sends requests to both instances and checks /readyz.
func TestComposeScaleOutLayout(t *testing.T) {
	t.Parallel()
	c := readCompose(t)
	profiles := map[string]string{"db": "", "migrate": "", "grants": "", "qualtrack": "",
		"minio": "s3", "minio-bucket": "s3", "qualtrack-2": "scale-out", "proxy": "scale-out"}
	for name, want := range profiles {
		svc, ok := c.Services[name]
		if !ok {
			t.Errorf("no service %s", name)
			continue
		}
		if got := strings.Join(svc.Profiles, ","); got != want {
			t.Errorf("service %s has profiles %q, want %q", name, got, want)
		}
	}
	if len(c.Services) != len(profiles) {
		t.Errorf("services %v", c.Services)
	}

	dotenv := map[string]string{
		"POSTGRES_PASSWORD": "pgpassword1", "QUALTRACK_DB_APP_PASSWORD": "apppassword1",
		"QUALTRACK_JWT_SECRET": "f3a9c1e07b5d42e8a6c0d9b18e7f4a2c5b6d7e8f9a0b1c2d", "QUALTRACK_ENCRYPTION_KEY": "0f1e2d3c4b5a69788796a5b4c3d2e1f00112233445566778",
		"QUALTRACK_ADMIN_EMAIL": "admin@example.com", "QUALTRACK_ADMIN_PASSWORD": "a long admin password",
		"QUALTRACK_BASE_URL": "https://qualtrack.example.com",
	}
	for _, withBucket := range []bool{false, true} {
		t.Run(fmt.Sprintf("bucket=%v", withBucket), func(t *testing.T) {
			d := map[string]string{}
			for k, v := range dotenv {
				d[k] = v
			}
			if withBucket {
				d["QUALTRACK_ATTACHMENTS_URL"] = "s3://qualtrack/attachments"
				d["MINIO_ROOT_USER"], d["MINIO_ROOT_PASSWORD"] = "qualtrack", "minio-root-password"
				d["QUALTRACK_S3_ACCESS_KEY_ID"], d["QUALTRACK_S3_SECRET_ACCESS_KEY"] = "qualtrack", "minio-root-password"
			}
			one, two := composeEnv(t, c, "qualtrack", d), composeEnv(t, c, "qualtrack-2", d)
			if fmt.Sprint(one) != fmt.Sprint(two) {
				t.Fatalf("the instances' settings differ:\n%v\n%v", one, two)
			}
			cfg, err := config.Load(func(k string) string { return one[k] })
			if err != nil {
				t.Fatalf("the application refuses the compose settings: %v", err)
			}
			if !cfg.Production() || cfg.Dialect() != "postgres" || cfg.DataDir != "/data" {
				t.Errorf("settings: production %v, dialect %s, data dir %s", cfg.Production(), cfg.Dialect(), cfg.DataDir)
			}
			if cfg.ObjectStorage() != withBucket {
				t.Fatalf("attachments URL %q", cfg.Attachments.URL)
			}
			if withBucket {
				want := config.S3{Endpoint: "http://minio:9000", Region: "us-east-1", AccessKeyID: "qualtrack", SecretAccessKey: "minio-root-password", PathStyle: true}
				if cfg.Attachments.S3 != want {
					t.Errorf("S3 settings %+v, want %+v", cfg.Attachments.S3, want)
				}
				minio := composeEnv(t, c, "minio", d)
				if minio["MINIO_ROOT_USER"] != cfg.Attachments.S3.AccessKeyID || minio["MINIO_ROOT_PASSWORD"] != cfg.Attachments.S3.SecretAccessKey {
					t.Errorf("MinIO's credentials %v are not the application's", minio)
				}
			}
		})
	}

	caddy := c.Services["proxy"]
	var mounted string
	for _, v := range caddy.Volumes {
		if strings.HasSuffix(v, ":/etc/caddy/Caddyfile:ro") {
			mounted = strings.TrimSuffix(v, ":/etc/caddy/Caddyfile:ro")
		}
	}
	raw, err := os.ReadFile(filepath.Join("..", "..", "..", filepath.FromSlash(strings.TrimPrefix(mounted, "./"))))
	if mounted == "" || err != nil {
		t.Fatalf("the proxy's Caddyfile %q: %v", mounted, err)
	}
	if !regexp.MustCompile(`(?m)^\s*reverse_proxy qualtrack:8080 qualtrack-2:8080 \{`).Match(raw) || !strings.Contains(string(raw), "health_uri /readyz") {
		t.Errorf("the Caddyfile does not spread requests over both instances with /readyz as health check:\n%s", raw)
	}
	if job := strings.Join(c.Services["minio-bucket"].Entrypoint, " "); !strings.Contains(job, "mc mb --ignore-existing local/qualtrack") {
		t.Error("the bucket job does not create the bucket the attachments URL names")
	}
}
