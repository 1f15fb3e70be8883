import * as React from 'react';
import { Layouts, Page } from '@strapi/strapi/admin';

/**
 * One screen of the Extranet section: its title (the document's too), the header with its main
 * action, the list's search and filters when it has them, and the content.
 */
export const PageLayout = ({
  title,
  subtitle,
  navigationAction,
  primaryAction,
  filters,
  children,
}: {
  title: string;
  subtitle?: React.ReactNode;
  navigationAction?: React.ReactNode;
  primaryAction?: React.ReactNode;
  filters?: React.ReactNode;
  children: React.ReactNode;
}) => (
  <Page.Main>
    <Page.Title>{title}</Page.Title>
    <Layouts.Header
      navigationAction={navigationAction}
      title={title}
      subtitle={subtitle}
      primaryAction={primaryAction}
    />
    {filters === undefined ? null : <Layouts.Action startActions={filters} />}
    <Layouts.Content>{children}</Layouts.Content>
  </Page.Main>
);
