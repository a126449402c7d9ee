package main

import "io"

func runMock(args []string, stdout, stderr io.Writer) int  { return 2 }
func runDiff(args []string, stdout, stderr io.Writer) int  { return 2 }
