"""Which files a PATH argument means: files as given, folders walked for letters."""

from pathlib import Path

LETTER_SUFFIXES = {".txt", ".md", ".pdf", ".docx"}


def letter_files(paths: list[str]) -> tuple[list[Path], list[str]]:
    """(files to read, problems with the arguments). Folders yield their letter files, sorted."""
    files, problems = [], []
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in LETTER_SUFFIXES)
            if not found:
                problems.append(f"{raw}: no .txt, .md, .pdf or .docx files in this folder")
            files.extend(found)
        elif path.is_file():
            files.append(path)
        else:
            problems.append(f"{raw}: no such file or folder")
    return files, problems
