import logging

logger = logging.getLogger(__name__)


def execute(sql, params):
    logger.debug("sql", {"statement": sql})
    return sql, params


def audit(action, record):
    execute("INSERT INTO audit (action, record) VALUES (:a, :r)", {"a": action, "r": record})
