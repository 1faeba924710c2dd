// PEP 668 markers: distributions put an EXTERNALLY-MANAGED file next to their Python's
// standard library so that pip refuses to install into the system Python. The file's
// `Error=` text is what pip shows; these are the texts Debian/Ubuntu and Alpine ship.

export function externallyManagedFile(distro: 'debian' | 'ubuntu' | 'alpine', pythonVersion: string): string {
  if (distro === 'alpine') {
    return `[externally-managed]
Error=
 The system-wide python installation should be maintained using the system
 package manager (apk) only.
 
 If the package in question is not packaged already (and hence installable via
 "apk add py3-somepackage"), please consider installing it inside a virtual
 environment, e.g.:
 
 python3 -m venv /path/to/venv
 . /path/to/venv/bin/activate
 pip install mypackage
 
 To exit the virtual environment, run:
 
 deactivate
 
 The virtual environment is not deleted, and can be re-entered by re-sourcing
 the activate file.
 
 To automatically manage virtual environments, consider using pipx (from the
 pipx package).
`;
  }
  // Ubuntu ships Debian's text unchanged.
  return `[externally-managed]
Error=To install Python packages system-wide, try apt install
 python3-xyz, where xyz is the package you are trying to
 install.
 
 If you wish to install a non-Debian-packaged Python package,
 create a virtual environment using python3 -m venv path/to/venv.
 Then use path/to/venv/bin/python and path/to/venv/bin/pip. Make
 sure you have python3-full installed.
 
 If you wish to install a non-Debian packaged Python application,
 it may be easiest to use pipx install xyz, which will manage a
 virtual environment for you. Make sure you have pipx installed.
 
 See /usr/share/doc/python${pythonVersion}/README.venv for more information.
`;
}

/** The `Error=` value of a marker file, continuation lines joined. */
export function externallyManagedError(fileText: string): string {
  const lines = fileText.split('\n');
  const start = lines.findIndex((line) => line.startsWith('Error='));
  if (start < 0) return 'This environment is externally managed.';
  const out = [lines[start]!.slice('Error='.length)];
  for (const line of lines.slice(start + 1)) {
    if (!line.startsWith(' ')) break;
    out.push(line.slice(1));
  }
  while (out.length > 0 && out[0] === '') out.shift();
  return out.join('\n').trimEnd();
}
