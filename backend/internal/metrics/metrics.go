// Package metrics keeps qualtrack's Prometheus metrics: HTTP requests by
// route pattern and status, database pool statistics, exports and imports,
// failed sign-ins, and the Go runtime. The server serves them on a
// listener of their own (QUALTRACK_METRICS_ADDR), never on the main one.
package metrics

import (
	"database/sql"
	"net/http"
	"strconv"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"
)

// Metrics is one process's registry. A nil *Metrics records nothing, so
// code paths that run without one (subcommands, some tests) need no check.
type Metrics struct {
	reg           *prometheus.Registry
	requests      *prometheus.CounterVec
	latency       *prometheus.HistogramVec
	exports       *prometheus.CounterVec
	exportLatency *prometheus.HistogramVec
	imports       *prometheus.CounterVec
	importLatency *prometheus.HistogramVec
	loginFailures *prometheus.CounterVec
	reminderMail  *prometheus.CounterVec
}

// New returns a registry with the Go runtime and process collectors.
func New() *Metrics {
	m := &Metrics{
		reg: prometheus.NewRegistry(),
		requests: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qualtrack_http_requests_total",
			Help: "HTTP requests by method, route pattern and status.",
		}, []string{"method", "route", "status"}),
		latency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "qualtrack_http_request_duration_seconds",
			Help:    "HTTP request latency by method, route pattern and status.",
			Buckets: []float64{.001, .0025, .005, .01, .025, .05, .1, .25, .5, 1, 2.5, 5, 10, 30},
		}, []string{"method", "route", "status"}),
		exports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qualtrack_exports_total",
			Help: "Spreadsheet exports by report and outcome (ok or error).",
		}, []string{"report", "outcome"}),
		exportLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "qualtrack_export_duration_seconds",
			Help:    "Time to build and send a spreadsheet export, by report.",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120},
		}, []string{"report"}),
		imports: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qualtrack_imports_total",
			Help: "Spreadsheet imports by kind and outcome (ok or error).",
		}, []string{"kind", "outcome"}),
		importLatency: prometheus.NewHistogramVec(prometheus.HistogramOpts{
			Name:    "qualtrack_import_duration_seconds",
			Help:    "Time to check and apply a spreadsheet import, by kind.",
			Buckets: []float64{.01, .05, .1, .25, .5, 1, 2.5, 5, 10, 30, 60, 120},
		}, []string{"kind"}),
		loginFailures: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qualtrack_login_failures_total",
			Help: "Failed sign-ins by reason.",
		}, []string{"reason"}),
		reminderMail: prometheus.NewCounterVec(prometheus.CounterOpts{
			Name: "qualtrack_reminder_emails_total",
			Help: "Reminder digests by outcome: sent, failed (retried later) or refused (the mail server refused the address for good).",
		}, []string{"outcome"}),
	}
	m.reg.MustRegister(m.requests, m.latency, m.exports, m.exportLatency, m.imports, m.importLatency, m.loginFailures, m.reminderMail,
		collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	return m
}

// WatchDB exports the pool statistics of db (sql.DBStats) as go_sql_*
// metrics labelled db_name=name.
func (m *Metrics) WatchDB(name string, db *sql.DB) {
	if m == nil || db == nil {
		return
	}
	m.reg.MustRegister(collectors.NewDBStatsCollector(db, name))
}

// ObserveRequest counts one HTTP request. route is the pattern
// (/api/v1/sites/:id), never the raw path, so the label set stays small.
func (m *Metrics) ObserveRequest(method, route string, status int, d time.Duration) {
	if m == nil {
		return
	}
	s := strconv.Itoa(status)
	m.requests.WithLabelValues(method, route, s).Inc()
	m.latency.WithLabelValues(method, route, s).Observe(d.Seconds())
}

// ObserveExport counts one spreadsheet export (report is its name, e.g.
// "inspections") and how long it took; err is the export's outcome.
func (m *Metrics) ObserveExport(report string, d time.Duration, err error) {
	if m == nil {
		return
	}
	m.exports.WithLabelValues(report, outcome(err)).Inc()
	m.exportLatency.WithLabelValues(report).Observe(d.Seconds())
}

// ObserveImport counts one spreadsheet import (kind is "sites",
// "certifications", ...) and how long it took.
func (m *Metrics) ObserveImport(kind string, d time.Duration, err error) {
	if m == nil {
		return
	}
	m.imports.WithLabelValues(kind, outcome(err)).Inc()
	m.importLatency.WithLabelValues(kind).Observe(d.Seconds())
}

// LoginFailed counts a refused sign-in.
func (m *Metrics) LoginFailed(reason string) {
	if m == nil {
		return
	}
	m.loginFailures.WithLabelValues(reason).Inc()
}

// ReminderEmail counts one reminder digest by outcome: "sent", "failed"
// or "refused".
func (m *Metrics) ReminderEmail(outcome string) {
	if m == nil {
		return
	}
	m.reminderMail.WithLabelValues(outcome).Inc()
}

// Handler serves the metrics in the Prometheus text format.
func (m *Metrics) Handler() http.Handler {
	return promhttp.HandlerFor(m.reg, promhttp.HandlerOpts{})
}

func outcome(err error) string {
	if err != nil {
		return "error"
	}
	return "ok"
}
