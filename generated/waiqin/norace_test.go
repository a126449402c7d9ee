//go:build !race

package waiqin_test

const raceEnabled = false
