// Mantine components that navigate with the router, typed against the route tree.
import { Anchor, type AnchorProps, NavLink, type NavLinkProps } from '@mantine/core';
import { createLink } from '@tanstack/react-router';
import { forwardRef } from 'react';

const NavLinkAnchor = forwardRef<HTMLAnchorElement, NavLinkProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <NavLink component="a" ref={ref} {...props} />,
);
const PlainAnchor = forwardRef<HTMLAnchorElement, AnchorProps & React.ComponentPropsWithoutRef<'a'>>(
  (props, ref) => <Anchor component="a" ref={ref} {...props} />,
);

export const RouterNavLink = createLink(NavLinkAnchor);
export const RouterAnchor = createLink(PlainAnchor);
