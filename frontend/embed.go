// Package frontend holds the built single-page application. Vite writes the
// build into dist/app; dist/.gitkeep keeps the embed pattern valid when the
// frontend has not been built, so the Go binary builds without Node.
package frontend

import "embed"

//go:embed all:dist
var Dist embed.FS
