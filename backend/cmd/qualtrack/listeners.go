package main

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"net"
	"net/http"
	"net/http/pprof"
	"time"
)

// sideListener is a listener beside the main one: metrics or profiles.
type sideListener struct {
	name string // for the log: "metrics", "pprof"
	env  string // the variable that set its address
	addr string
	mux  *http.ServeMux
}

// pprofMux serves net/http/pprof. It is only ever bound to loopback (the
// configuration refuses other addresses).
func pprofMux() *http.ServeMux {
	mux := http.NewServeMux()
	mux.HandleFunc("/debug/pprof/", pprof.Index)
	mux.HandleFunc("/debug/pprof/cmdline", pprof.Cmdline)
	mux.HandleFunc("/debug/pprof/profile", pprof.Profile)
	mux.HandleFunc("/debug/pprof/symbol", pprof.Symbol)
	mux.HandleFunc("/debug/pprof/trace", pprof.Trace)
	return mux
}

// startSideListeners serves each listener with an address and returns a
// function that stops them all.
func (a *cli) startSideListeners(ls []sideListener) (stop func(), err error) {
	var servers []*http.Server
	stop = func() {
		for _, hs := range servers {
			ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
			_ = hs.Shutdown(ctx)
			cancel()
		}
	}
	for _, l := range ls {
		if l.addr == "" {
			continue
		}
		ln, err := net.Listen("tcp", l.addr)
		if err != nil {
			stop()
			return nil, fmt.Errorf("listen on %s (%s): %w", l.addr, l.env, err)
		}
		hs := &http.Server{
			Handler:           l.mux,
			ReadHeaderTimeout: 10 * time.Second,
			// A CPU profile or trace runs for the seconds it is asked for.
			WriteTimeout: 5 * time.Minute,
			ErrorLog:     slog.NewLogLogger(a.log.Handler(), slog.LevelWarn),
		}
		servers = append(servers, hs)
		go func() {
			if err := hs.Serve(ln); err != nil && !errors.Is(err, http.ErrServerClosed) {
				a.log.Error(l.name+" listener stopped", "err", err)
			}
		}()
		a.log.Info(l.name+" listening", "addr", ln.Addr().String())
	}
	return stop, nil
}
