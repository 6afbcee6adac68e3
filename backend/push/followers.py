"""Followers of the official account: following, unfollowing and their policy-news subscription."""

from __future__ import annotations

from tortoise.exceptions import IntegrityError
from tortoise.transactions import in_transaction

from backend.calendar import now_local
from backend.models import Follower

MAX_SCENE_LENGTH = 64


async def _get_or_create(openid: str) -> tuple[Follower, bool]:
    follower = await Follower.get_or_none(openid=openid)
    if follower is not None:
        return follower, False
    try:
        async with in_transaction():
            return await Follower.create(openid=openid, following=True, followed_at=now_local()), True
    except IntegrityError:
        # Two events of a new follower at once: the other one created the row.
        return await Follower.get(openid=openid), False


async def record_follow(openid: str, scene: str | None = None, unionid: str | None = None) -> Follower:
    """A subscribe event: the follower follows (again), remembering the QR scene that brought them."""
    follower, _ = await _get_or_create(openid)
    follower.following = True
    follower.followed_at = now_local()
    follower.unfollowed_at = None
    if scene:
        follower.scene = scene[:MAX_SCENE_LENGTH]
    if unionid:
        follower.unionid = unionid
    await follower.save()
    return follower


async def record_unfollow(openid: str) -> None:
    """An unsubscribe event ends everything the follower asked for: no more pushes."""
    await Follower.filter(openid=openid).update(following=False, policy_news=False, unfollowed_at=now_local())


async def set_policy_news(openid: str, wanted: bool) -> bool:
    """Subscribes or unsubscribes a follower to policy news; answers whether it changed anything."""
    follower, _ = await _get_or_create(openid)
    changed = follower.policy_news != wanted
    follower.policy_news = wanted
    # Only a follower can write to us, so a message proves the follow even if we missed the event.
    follower.following = True
    await follower.save()
    return changed
