package main

import "io"

func runGen(args []string, stdout, stderr io.Writer) int   { return 2 }
func runBuild(args []string, stdout, stderr io.Writer) int { return 2 }
func runMock(args []string, stdout, stderr io.Writer) int  { return 2 }
func runDiff(args []string, stdout, stderr io.Writer) int  { return 2 }
