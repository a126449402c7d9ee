package outdir

// sysRenameat2 is renameat2's number on this architecture.
const sysRenameat2 = 276
