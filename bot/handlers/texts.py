"""The words the bot answers with, in one place so they read as one voice."""

from __future__ import annotations

CAPABILITIES = (
    "我可以帮您：\n"
    "· 发送位置：查附近的母婴室和今天有空位的托育机构\n"
    "· 发「母婴室」或「托育」：按您最近发送的位置再查一次\n"
    "· 直接提问政策，如「育儿补贴怎么领」「产假多少天」\n"
    "· 问常见问题，如「几个月可以入托」「怎么预约」「附近托育多少钱」\n"
    "· 发「订阅」接收政策推送，发「退订」取消"
)
WELCOME = "欢迎关注环翠托育服务！\n" + CAPABILITIES
WELCOME_BACK = "欢迎回来！\n" + CAPABILITIES
SUBSCRIBED_BY_SCENE = "已按您扫描的二维码为您订阅政策推送，发「退订」可随时取消。"
ASK_FOR_LOCATION = "请先发送您的位置（点输入框旁的「+」→「位置」），我再为您查找附近的母婴室和托育机构。"
SUBSCRIBED = "已为您订阅政策推送：区里发布新的托育政策时会第一时间通知您。发「退订」可随时取消。"
ALREADY_SUBSCRIBED = "您已订阅政策推送。发「退订」可随时取消。"
UNSUBSCRIBED = "已为您退订政策推送，之后不再推送。发「订阅」可重新订阅。"
NOT_SUBSCRIBED = "您当前没有订阅政策推送。发「订阅」即可订阅。"
POLICY_SUGGESTIONS = "试试：产假、补贴、托育、税费"
LOCATION_HINT = "发送您的位置，可查附近今天有空位的托育机构。"
APOLOGY = "抱歉，刚才没能处理您的消息，请稍后再试。"
