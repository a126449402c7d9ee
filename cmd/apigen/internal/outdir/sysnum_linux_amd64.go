package outdir

// sysRenameat2 is renameat2's number, which package syscall does not
// export for this architecture.
const sysRenameat2 = 316
