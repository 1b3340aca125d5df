def base_path() -> str:
    return ""
