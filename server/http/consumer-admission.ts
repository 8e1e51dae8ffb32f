/**
 * Consumer sockets get the same budgets as sessions: messages and bytes a second per socket
 * (a route may set its own, `static limits` on its consumer class) and per client address,
 * shared with the address's sessions.
 */
import type { IncomingMessage } from "node:http";
import type { Admission } from "../channels/consumer-host.ts";
import type { ConsumerClass } from "../channels/consumer.ts";
import { ClientBudget, type AddressBudgets } from "../session/budget.ts";
import type { ResolvedLimits } from "./limits.ts";

export function consumerAdmission(
  limits: ResolvedLimits,
  addresses: AddressBudgets,
): (request: IncomingMessage, consumer: ConsumerClass) => Admission {
  return (request, consumer) => {
    const own = { ...limits.budget, ...consumer.limits };
    const budget = new ClientBudget(`from one ${consumer.name} socket`, own.maxMessagesPerSecond, own.maxBytesPerSecond);
    // Behind a believed proxy every socket comes from its address: the proxy bounds clients.
    const address = limits.useXheaders ? undefined : request.socket.remoteAddress;
    const shared = address === undefined ? undefined : addresses.hold(address);
    return {
      charge: (bytes) => (budget.charge(bytes) ?? shared?.charge(bytes))?.over,
      release: () => {
        if (address !== undefined) addresses.release(address);
      },
    };
  };
}
