defmodule Chat.Room do
  @moduledoc """
  A PubSub-style room on OTP's `:pg`: every node's room process joins group
  `:room` of scope `:chat`; a broadcast is sent to every member, on every node,
  and each member stores what it receives.
  """
  use GenServer

  def scope, do: :chat

  def start_link(_), do: GenServer.start_link(__MODULE__, [], name: __MODULE__)

  @doc "Sends `text` to every member of the room; the number of members."
  def broadcast(text) do
    members = :pg.get_members(scope(), :room)
    Enum.each(members, &send(&1, {:chat, text}))
    length(members)
  end

  @impl true
  def init([]) do
    :ok = :pg.join(scope(), :room, self())
    {:ok, nil}
  end

  @impl true
  def handle_info({:chat, text}, state) do
    :ok = Chat.Store.add(text)
    {:noreply, state}
  end
end
