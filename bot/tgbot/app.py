"""Wire the Telegram application: token checks, handlers, command menu, polling or webhook."""

from __future__ import annotations

import asyncio
import logging
import re
from urllib.parse import urlparse

from telegram import Bot, BotCommand, MessageEntity, Update
from telegram.error import InvalidToken, NetworkError, TelegramError
from telegram.ext import (
    AIORateLimiter,
    Application,
    ApplicationBuilder,
    ApplicationHandlerStop,
    CallbackQueryHandler,
    CommandHandler,
    MessageHandler,
    PollAnswerHandler,
    filters,
)

from bot.services import Services, build_services
from bot.examples import answerable_examples
from bot.settings import Settings
from bot.progress.store import ProgressStore
from bot.study import StudyService
from bot.documents import claim_data_dir
from bot.gaps import GapTracker
from bot.tgbot import admin_handlers, handlers, quiz_handlers
from bot.tgbot.services import CONTEXT_TYPES, BotContext, BotServices
from bot.tgbot.workers import Workers, run
from bot.tgbot.formatting import EXAMPLE_CALLBACK, FEEDBACK_CALLBACK, SOURCE_CALLBACK
from ingest.errors import StartupError

log = logging.getLogger(__name__)

TOKEN_FORMAT = re.compile(r"^\d{3,}:[A-Za-z0-9_-]{10,}$")
COMMANDS = [
    BotCommand("start", "开始使用学习助手"),
    BotCommand("ask", "提问：/ask 问题"),
    BotCommand("quiz", "答题：/quiz 题数"),
    BotCommand("review", "复习错题"),
    BotCommand("challenge", "挑战答题：答错即止"),
    BotCommand("stats", "学习统计"),
    BotCommand("daily", "每日答题；提醒：/daily on|off"),
    BotCommand("docs", "查看学习资料"),
    BotCommand("help", "使用帮助"),
]
ADMIN_COMMANDS = ["remove", "reindex", "gaps", "reports"]
PROGRESS_DB = "progress.sqlite3"


def checked_token(settings: Settings) -> str:
    """The bot token, or a clear error when it is missing or cannot be a Telegram token."""
    if settings.telegram_bot_token is None:
        raise StartupError("TELEGRAM_BOT_TOKEN is not set", "未设置 TELEGRAM_BOT_TOKEN：请在 .env 或环境变量中填写从 @BotFather 获得的令牌。")
    token = settings.telegram_bot_token.get_secret_value().strip()
    if not TOKEN_FORMAT.match(token):
        raise StartupError(
            "TELEGRAM_BOT_TOKEN is malformed (expected digits, a colon, then the secret)",
            "TELEGRAM_BOT_TOKEN 格式不对：应为“数字:密钥”的形式，请从 @BotFather 重新复制。",
        )
    return token


class RedactSecrets(logging.Filter):
    """Replace secrets in every log record, whichever library logs them (httpx logs request URLs)."""

    def __init__(self, secrets: list[str]) -> None:
        super().__init__()
        self._secrets = [s for s in secrets if s]

    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        if any(secret in message for secret in self._secrets):
            record.msg, record.args = self._redact(message), None
        if record.exc_info and not record.exc_text:
            record.exc_text = logging.Formatter().formatException(record.exc_info)
        if record.exc_text:
            record.exc_text = self._redact(record.exc_text)
        return True

    def _redact(self, text: str) -> str:
        for secret in self._secrets:
            text = text.replace(secret, "<redacted>")
        return text


def install_redaction(secrets: list[str]) -> None:
    logging.getLogger("httpx").setLevel(logging.WARNING)
    redactor = RedactSecrets(secrets)
    for handler in logging.getLogger().handlers:
        handler.addFilter(redactor)


def build_application(services: Services, token: str, study: StudyService | None = None) -> Application:
    """The Application with every handler; used by `serve` and by the end-to-end tests alike."""
    settings = services.settings
    root = settings.telegram_api_url.rstrip("/")
    application = (
        ApplicationBuilder()
        .token(token)
        .base_url(f"{root}/bot")
        .base_file_url(f"{root}/file/bot")
        .concurrent_updates(True)
        .rate_limiter(AIORateLimiter(overall_max_rate=0, group_max_rate=0, max_retries=3))
        .post_init(_post_init)
        .post_shutdown(_post_shutdown)
        .context_types(CONTEXT_TYPES)
        .build()
    )
    store = ProgressStore(settings.data_dir / PROGRESS_DB)
    application.bot_data.wire(
        services=services,
        study=study or StudyService(services.index, store, reports_to_retire=settings.quiz_reports_to_retire),
        gaps=GapTracker(store, services.answers.min_confidence),
        workers=Workers.create(),
    )
    admins = filters.User(user_id=settings.admin_ids)
    private = filters.ChatType.PRIVATE
    groups = filters.ChatType.GROUPS
    application.add_handler(MessageHandler(filters.UpdateType.EDITED, _ignore_edit), group=-1)
    application.add_handler(CommandHandler("start", handlers.start))
    application.add_handler(CommandHandler("help", handlers.help_command))
    application.add_handler(CommandHandler("docs", handlers.docs_command))
    application.add_handler(CommandHandler("ask", handlers.ask_command))
    application.add_handler(CommandHandler("quiz", quiz_handlers.quiz_command))
    application.add_handler(CommandHandler("review", quiz_handlers.review_command))
    application.add_handler(CommandHandler("challenge", quiz_handlers.challenge_command))
    application.add_handler(CallbackQueryHandler(quiz_handlers.report_button, pattern=f"^{quiz_handlers.REPORT_CALLBACK}:"))
    application.add_handler(CommandHandler("stats", quiz_handlers.stats_command))
    application.add_handler(CommandHandler("daily", quiz_handlers.daily_command))
    application.add_handler(PollAnswerHandler(quiz_handlers.poll_answer))
    application.add_handler(CommandHandler("remove", admin_handlers.remove_command, filters=admins))
    application.add_handler(CommandHandler("reindex", admin_handlers.reindex_command, filters=admins))
    application.add_handler(CommandHandler("gaps", admin_handlers.gaps_command, filters=admins))
    application.add_handler(CommandHandler("reports", admin_handlers.reports_command, filters=admins))
    application.add_handler(CommandHandler(ADMIN_COMMANDS, admin_handlers.refuse))
    # A callback query is no message, so CallbackQueryHandler takes no filters: remove_button checks the user.
    application.add_handler(CallbackQueryHandler(admin_handlers.remove_button, pattern=f"^{admin_handlers.REMOVE_CALLBACK}:"))
    application.add_handler(MessageHandler(private & filters.Document.ALL & admins, admin_handlers.upload))
    application.add_handler(MessageHandler(private & filters.Document.ALL, admin_handlers.refuse))
    application.add_handler(CallbackQueryHandler(handlers.source_button, pattern=f"^{SOURCE_CALLBACK}:"))
    application.add_handler(CallbackQueryHandler(handlers.example_button, pattern=f"^{EXAMPLE_CALLBACK}:"))
    application.add_handler(CallbackQueryHandler(handlers.feedback_button, pattern=f"^{FEEDBACK_CALLBACK}:"))
    application.add_handler(MessageHandler(private & filters.TEXT & ~filters.COMMAND, handlers.private_text))
    application.add_handler(
        MessageHandler(groups & filters.TEXT & ~filters.COMMAND & (filters.Entity(MessageEntity.MENTION) | filters.REPLY), handlers.group_text)
    )
    application.add_handler(MessageHandler(private & filters.COMMAND, handlers.help_command))
    application.add_handler(MessageHandler(~filters.TEXT & ~filters.StatusUpdate.ALL, handlers.unsupported))
    application.add_error_handler(handlers.on_error)
    return application


async def _ignore_edit(update: Update, context: BotContext) -> None:
    """An edited message is not a new question or upload: answering it again would reply twice."""
    raise ApplicationHandlerStop


async def _post_init(application: Application) -> None:
    """Before the first update: seed an empty knowledge base, warm the index, register the menu."""
    svc: BotServices = application.bot_data
    pools = svc.workers
    seeded = await run(pools.ingest, svc.documents.ensure_seeded)
    if seeded:
        log.info("knowledge base was empty; ingested %d seed documents", len(seeded))
    await run(pools.ingest, svc.documents.collect_leftovers)
    await run(pools.ingest, svc.answers.warm_up)
    svc.examples = await run(pools.ingest, answerable_examples, svc.answers, svc.index)
    application.job_queue.run_once(_embed_missing, when=0, name="embed-missing")
    for reminder in await run(pools.small, svc.study.reminders):
        quiz_handlers.schedule_reminder(application, reminder.user_id, reminder.chat_id, reminder.hour)
    await application.bot.set_my_commands(COMMANDS)
    log.info("bot @%s ready with %d documents", application.bot.username, len(svc.documents.records()))


async def _embed_missing(context: BotContext) -> None:
    """Documents this model has no vectors for (after a model change or an upgrade) are embedded in the
    background: until then BM25 finds them, so the bot answers from the first second."""
    svc: BotServices = context.bot_data
    try:
        embedded = await run(svc.workers.ingest, svc.documents.embed_missing)
    except Exception:  # noqa: BLE001 - the next start tries again; answering goes on
        log.exception("embedding documents without vectors failed")
        return
    if embedded:
        log.info("embedded %d documents the current model had no vectors for", len(embedded))


async def _check_bot_api(settings: Settings, token: str) -> None:
    """One getMe before anything else: an unreachable server or a revoked token is one clear line,
    not the library's retry log with a traceback."""
    root = settings.telegram_api_url.rstrip("/")
    try:
        async with Bot(token, base_url=f"{root}/bot", base_file_url=f"{root}/file/bot"):
            pass
    except InvalidToken:
        raise StartupError("Telegram rejected the bot token", "Telegram 拒绝了这个机器人令牌，请检查 TELEGRAM_BOT_TOKEN。") from None
    except NetworkError as exc:
        raise StartupError(
            f"cannot reach the Bot API at {settings.telegram_api_url}: {exc}",
            f"无法连接 Telegram 服务器（{settings.telegram_api_url}），请检查网络或 TELEGRAM_API_URL。",
        ) from None
    except TelegramError as exc:
        raise StartupError(f"Telegram error at start: {exc}", f"启动失败：Telegram 返回错误（{exc}）。") from None


async def _post_shutdown(application: Application) -> None:
    """The worker pools go with the application (a test or a restart builds a new one)."""
    application.bot_data.workers.shutdown()


def _remove_leftover_uploads(settings: Settings) -> None:
    """Housekeeping: a read-only or damaged uploads folder must not keep the bot from starting."""
    try:
        admin_handlers.remove_leftover_uploads(settings.data_dir)
    except OSError as exc:
        log.warning("left earlier uploads in place: %s", exc)


def serve(settings: Settings) -> None:
    """Run until interrupted: long polling, or a webhook when WEBHOOK_URL is set."""
    token = checked_token(settings)
    secrets = [token] + [s.get_secret_value() for s in (settings.webhook_secret, settings.llm_api_key) if s]
    install_redaction(secrets)
    lock = claim_data_dir(  # noqa: F841 - held for the life of the bot
        settings,
        lambda pid: StartupError(
            f"another cadre-bot serve (pid {pid}) already uses {settings.data_dir}",
            f"另一个机器人进程（{pid}）已在使用这个知识库（{settings.data_dir}），请勿重复启动。",
        ),
    )
    asyncio.run(_check_bot_api(settings, token))
    _remove_leftover_uploads(settings)
    application = build_application(build_services(settings), token)
    try:
        if settings.webhook_url:
            if settings.webhook_secret is None:
                raise StartupError("WEBHOOK_SECRET must be set with WEBHOOK_URL", "使用 WEBHOOK_URL 时必须设置 WEBHOOK_SECRET（用于校验 Telegram 的请求）。")
            application.run_webhook(
                listen=settings.webhook_listen,
                port=settings.webhook_port,
                url_path=urlparse(settings.webhook_url).path.lstrip("/"),
                webhook_url=settings.webhook_url,
                secret_token=settings.webhook_secret.get_secret_value(),
                allowed_updates=Update.ALL_TYPES,
            )
        else:
            application.run_polling(allowed_updates=Update.ALL_TYPES)
    except InvalidToken:
        raise StartupError("Telegram rejected the bot token", "Telegram 拒绝了这个机器人令牌，请检查 TELEGRAM_BOT_TOKEN。") from None
    except NetworkError as exc:
        raise StartupError(f"cannot reach the Bot API at {settings.telegram_api_url}: {exc}", f"无法连接 Telegram 服务器（{settings.telegram_api_url}），请检查网络或 TELEGRAM_API_URL。") from exc
    except TelegramError as exc:
        raise StartupError(f"Telegram error at start: {exc}", f"启动失败：Telegram 返回错误（{exc}）。") from exc
