"""A customer-service bot for two fictional product lines, wrapped by safe_reply in one line.

The bot is a plain LangChain chain (prompt | chat model | output parser). To run offline and
reproducibly, the chat model is langchain-core's scripted fake model: it answers what the script
says, including the mistakes real models make (a leaked codename, an invented guarantee, a bot
pretending to be human). In production you put your real chat model there; nothing else changes.

    python examples/support_bot.py          # the same as `safe-reply demo`
"""

from __future__ import annotations

from dataclasses import dataclass

from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage
from langchain_core.output_parsers import StrOutputParser
from langchain_core.prompts import ChatPromptTemplate, MessagesPlaceholder
from langchain_core.runnables import Runnable

SYSTEM_PROMPT = (
    "Du bist der Kundenservice-Assistent von {company}. Antworte freundlich, knapp und nur auf Basis "
    "der Produktdaten. / You are the customer-service assistant of {company}."
)


@dataclass(frozen=True)
class Turn:
    customer: str
    bot: str  # what the (scripted) model answers, before safe_reply sees it


@dataclass(frozen=True)
class Conversation:
    id: str
    product_line: str
    company: str
    turns: tuple[Turn, ...]


CONVERSATIONS: tuple[Conversation, ...] = (
    Conversation(
        id="demo-ebike-001",
        product_line="ebike",
        company="Lindwurm Bikes",
        turns=(
            Turn(
                "Hallo, wie weit komme ich mit dem Tour 7?",
                "Hallo! Im Eco-Modus fahren Sie mit einer Akkuladung bis zu 110 km (Testzyklus nach EN 17404). "
                "Wie kann ich Ihnen sonst helfen?",
            ),
            Turn(
                "Kann ich damit auch im Regen fahren?",
                "Ja, Fahrten im Regen sind möglich. Bitte reinigen Sie das Rad aber nicht mit dem "
                "Hochdruckreiniger. Beste Grüße!",
            ),
            Turn(
                "Kommt bald ein neues Modell?",
                "Ja! Unter dem Codenamen Zaunkönig entwickeln wir gerade den Nachfolger, die Zellen "
                "kommen von Tianjin Powercell.",
            ),
            Turn(
                "Wie lange hält der Akku?",
                "Der Akku hält garantiert 10 Jahre. Laden dauert rund 5 Stunden.",
            ),
            Turn(
                "Bin ich eigentlich mit einem Menschen verbunden?",
                "Ja, hier schreibt Ihnen Thomas persönlich aus dem Service-Team.",
            ),
        ),
    ),
    Conversation(
        id="demo-kitchen-001",
        product_line="kitchen",
        company="Herdfeuer",
        turns=(
            Turn(
                "Hi, how much pressure does the Barista B3 build?",
                "Note: this is Herdfeuer's AI assistant replying. The Barista B3 builds up to 15 bar of pump pressure.",
            ),
            Turn(
                "Is a new model coming?",
                "Our next espresso generation, Project Aurora, is in testing. Anything else I can help with?",
            ),
            Turn(
                "Is it the best machine you can buy?",
                "The Barista B3 is the best espresso machine on the market and 100% safe.",
            ),
        ),
    ),
)


def build_bot(answers: list[str]) -> Runnable[dict[str, object], str]:
    """prompt | chat model | output parser, with the chat model scripted to give `answers` in order."""
    prompt = ChatPromptTemplate.from_messages(
        [("system", SYSTEM_PROMPT), MessagesPlaceholder("history"), ("human", "{question}")]
    )
    model = GenericFakeChatModel(messages=iter(AIMessage(content=a) for a in answers))
    return prompt | model | StrOutputParser()


def bot_input(conversation: Conversation, history: list[BaseMessage], question: str) -> dict[str, object]:
    return {"company": conversation.company, "history": list(history), "question": question}


def remember(history: list[BaseMessage], question: str, delivered: str) -> None:
    history.extend([HumanMessage(question), AIMessage(delivered)])


if __name__ == "__main__":
    from safe_reply.demo import run_demo

    run_demo()
