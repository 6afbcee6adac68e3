"""Followers of the official account: following, unfollowing and their policy-news subscription."""

from __future__ import annotations

from typing import TYPE_CHECKING

from backend.calendar import now_local
from backend.push import repository

if TYPE_CHECKING:
    from backend.models import Follower

MAX_SCENE_LENGTH = 64


async def record_follow(openid: str, scene: str | None = None, unionid: str | None = None) -> Follower:
    """A subscribe event: the follower follows (again), remembering the QR scene that brought them."""
    follower = await repository.follower_for(openid, now_local())
    follower.following = True
    follower.followed_at = now_local()
    follower.unfollowed_at = None
    if scene:
        follower.scene = scene[:MAX_SCENE_LENGTH]
    if unionid:
        follower.unionid = unionid
    await repository.save_follower(follower)
    return follower


async def record_unfollow(openid: str) -> None:
    """An unsubscribe event ends everything the follower asked for: no more pushes."""
    await repository.end_following(openid, now_local())


async def set_policy_news(openid: str, wanted: bool) -> bool:
    """Subscribes or unsubscribes a follower to policy news; answers whether it changed anything."""
    follower = await repository.follower_for(openid, now_local())
    changed = follower.policy_news != wanted
    follower.policy_news = wanted
    # Only a follower can write to us, so a message proves the follow even if we missed the event.
    follower.following = True
    await repository.save_follower(follower)
    return changed
